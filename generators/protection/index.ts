import { concernOf } from '../../src/concerns/index.js';
import { concernGenerator } from '../../src/generator/concern-generator.js';

/** `devsecops:protection`: this concern alone. */
export default concernGenerator(concernOf('protection'));
