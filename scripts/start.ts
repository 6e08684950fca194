/** `npm start`: the production server (src/server.ts), nothing else. */
import { serve } from '../src/server.ts';

await serve();
