export * from './auth';
export * from './billing';
export * from './email';
export * from './rate-limit';
export * from './webhooks';
export * from './join';
export * from './api-keys';
