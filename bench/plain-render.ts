// The baseline the scaffold is measured against: the same answers, plan and render, written with
// plain fs calls: no Yeoman, no conflict check, no prompts. Bundled like the CLI before it runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { withDefaults, validateAnswers } from '../src/answers/resolve.js';
import { CONCERNS } from '../src/concerns/index.js';
import { planConcerns } from '../src/plan.js';
import { renderAll } from '../src/render.js';

const target = resolve(process.argv[2] ?? 'plain-out');
const answers = validateAnswers(withDefaults({ name: 'svc', owner: 'acme' }, { dirName: 'svc' }));
for (const file of renderAll(planConcerns(CONCERNS, answers), answers)) {
  mkdirSync(dirname(join(target, file.path)), { recursive: true });
  writeFileSync(join(target, file.path), file.content);
}
