// The one database instance the app uses.
import { LoupeDB } from './LoupeDB';

export const db = new LoupeDB();
