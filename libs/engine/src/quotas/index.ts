export * from './quota-decision';
export * from './agency-run-quota';
