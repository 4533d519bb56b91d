import express from 'express';
import { describeExpress } from './express-cases.js';

describeExpress('express 5', express);
