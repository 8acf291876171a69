// One formatter for every email, built with the first one: building an Intl formatter per call is
// slow in bulk, and building it when the module loads would read the locale data into memory in
// every process that imports @kit/email, sending email or not.
let dateFormat: Intl.DateTimeFormat | undefined;

/** A day as the emails write it: "Monday, January 7, 2030" (UTC). */
export const formatDate = (date: Date) =>
  (dateFormat ??= new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  })).format(date);
