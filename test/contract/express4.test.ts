import express from 'express4';
import { describeExpress } from './express-cases.js';

describeExpress('express 4', express);
