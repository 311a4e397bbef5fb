import { concernOf } from '../../src/concerns/index.js';
import { concernGenerator } from '../../src/generator/concern-generator.js';

/** `devsecops:ci`: this concern alone. */
export default concernGenerator(concernOf('ci'));
