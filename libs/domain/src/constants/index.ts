// The constants-only entry point (`@automations/domain/constants`): no JSON Schema validator, no cron
// parser, so a browser bundle can import the domain's lists without pulling those in.
export * from './workflow.constants';
