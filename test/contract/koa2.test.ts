import Koa from 'koa2';
import { describeKoa } from './koa-cases.js';

describeKoa('koa 2', Koa);
