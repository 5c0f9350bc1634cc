// The window's "today" at 07:00 in China is that day, not yesterday (UTC's date until 08:00).
// Run with TZ=Asia/Shanghai: node scripts/check-dates.mjs
import assert from 'node:assert/strict';
import { today } from '../ui/js/dates.js';

assert.equal(process.env.TZ, 'Asia/Shanghai', 'run with TZ=Asia/Shanghai');
const sevenInBeijing = new Date('2024-03-05T07:00:00+08:00');
assert.equal(sevenInBeijing.toISOString().slice(0, 10), '2024-03-04', 'UTC still says yesterday');
assert.equal(today(sevenInBeijing), '2024-03-05');
assert.equal(today(new Date('2024-12-31T23:59:00+08:00')), '2024-12-31');
console.log('today() at 07:00 China time: 2024-03-05 (UTC would say 2024-03-04)');
