// One formatter for every email: building an Intl formatter per call is slow in bulk.
const dateFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A day as the emails write it: "Monday, January 7, 2030" (UTC). */
export const formatDate = (date: Date) => dateFormat.format(date);
