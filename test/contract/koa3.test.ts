import Koa from 'koa';
import { describeKoa } from './koa-cases.js';

describeKoa('koa 3', Koa);
