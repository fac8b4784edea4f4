/** Every BullMQ queue of the system, in one place. */
export enum QueueName {
  Events = 'events',
  Runs = 'runs',
  Schedules = 'schedules',
}
