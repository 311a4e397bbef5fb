/**
 * The EJS templates compiled to functions at build time (scripts/bundle-options.ts replaces this
 * module in the bundle), so a run neither reads nor compiles them. Unbundled (tests, tsc) there are
 * none and src/compile-template.ts compiles each template from templates/ on first use, with the same options.
 */
/** How every template is compiled, at build time or by render.ts. */
export const EJS_OPTIONS = { strict: true, localsName: 'it' } as const;

export type TemplateBody = (it: Record<string, unknown>, escapeFn: (value: unknown) => string) => string;

export const PRECOMPILED: Readonly<Record<string, TemplateBody>> | undefined = undefined;
