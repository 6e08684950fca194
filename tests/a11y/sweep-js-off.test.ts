import { sweep } from './sweep.ts';

sweep('off');
