/** The add-on ids in prompt order: all that --help and the parser need of the registry. */
export const ADD_ON_IDS = ['terraform', 'container'] as const;

export type AddOnId = (typeof ADD_ON_IDS)[number];
