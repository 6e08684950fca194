import { sweep } from './sweep.ts';

sweep('on');
