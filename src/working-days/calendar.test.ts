import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, isWorkingDay, isoWeekday, workingDaysBefore } from './calendar.ts';

const monFri = { workingDays: [1, 2, 3, 4, 5], holidays: new Set<string>() };

test('ISO weekdays: 2026-12-04 is a Friday, 2026-12-06 a Sunday', () => {
  assert.equal(isoWeekday('2026-12-04'), 5);
  assert.equal(isoWeekday('2026-12-06'), 7);
  assert.equal(isWorkingDay('2026-12-05', monFri), false);
  assert.equal(isWorkingDay('2026-12-07', monFri), true);
});

test('due in 2 working days on a Friday is Tuesday; a holiday Monday makes it Wednesday', () => {
  assert.equal(addWorkingDays('2026-12-04', 2, monFri), '2026-12-08');
  const withHoliday = { workingDays: [1, 2, 3, 4, 5], holidays: new Set(['2026-12-07']) };
  assert.equal(addWorkingDays('2026-12-04', 2, withHoliday), '2026-12-09');
});

test('zero working days: the start if it is a working day, else the next one', () => {
  assert.equal(addWorkingDays('2026-12-04', 0, monFri), '2026-12-04');
  assert.equal(addWorkingDays('2026-12-05', 0, monFri), '2026-12-07');
});

test('across the year end with Christmas and New Year holidays', () => {
  const cal = {
    workingDays: [1, 2, 3, 4, 5],
    holidays: new Set(['2026-12-25', '2027-01-01']),
  };
  // Thu 24 Dec + 3: Mon 28, Tue 29, Wed 30.
  assert.equal(addWorkingDays('2026-12-24', 3, cal), '2026-12-30');
  // Wed 30 Dec + 2: Thu 31, (Fri 1 Jan holiday), Mon 4 Jan.
  assert.equal(addWorkingDays('2026-12-30', 2, cal), '2027-01-04');
});

test('a Sunday–Thursday week', () => {
  const cal = { workingDays: [7, 1, 2, 3, 4], holidays: new Set<string>() };
  // Thu 3 Dec + 1 → Sun 6 Dec.
  assert.equal(addWorkingDays('2026-12-03', 1, cal), '2026-12-06');
});

test('refuses negative offsets and calendars without a working day', () => {
  assert.throws(() => addWorkingDays('2026-12-04', -1, monFri), RangeError);
  assert.throws(
    () => addWorkingDays('2026-12-04', 1, { workingDays: [], holidays: new Set() }),
    RangeError,
  );
});

test('n working days before a date mirrors n working days after it', () => {
  const cal = { workingDays: [1, 2, 3, 4, 5], holidays: new Set(['2026-12-11']) };
  // Mon 14 Dec − 1 working day: (Sun, Sat, Fri 11 holiday) Thu 10.
  assert.equal(workingDaysBefore('2026-12-14', 1, cal), '2026-12-10');
  assert.equal(workingDaysBefore('2026-12-14', 0, cal), '2026-12-14');
  for (const start of ['2026-12-01', '2026-12-04', '2026-12-10']) {
    const due = addWorkingDays(start, 3, cal);
    assert.equal(addWorkingDays(workingDaysBefore(due, 3, cal), 3, cal), due);
  }
});
