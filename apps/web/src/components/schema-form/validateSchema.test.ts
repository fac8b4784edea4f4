import { actionCatalog } from '@automations/domain';
import { describe, expect, it } from 'vitest';
import { validateValue } from './validateSchema';

const schemaOf = (type: string) => actionCatalog.find((descriptor) => descriptor.type === type)!.configSchema;

describe('validateValue', () => {
  it('checks what the API checks, keyed by path', () => {
    expect(validateValue(schemaOf('create_task'), { title: '   ', priority: 'soon' })).toEqual({
      title: 'Must not be blank',
      priority: 'Must be one of: low, medium, high, urgent',
    });
  });

  it('applies the channel-dependent recipient rules (allOf if/then)', () => {
    const schema = schemaOf('send_notification');
    expect(validateValue(schema, { channel: 'slack', recipients: ['#general'], message: 'Hi' })).toMatchObject({
      'recipients[0]': 'Does not have the expected format',
    });
    expect(validateValue(schema, { channel: 'email', recipients: ['team@agency.example'], message: 'Hi' })).toEqual({});
    expect(validateValue(schema, { channel: 'email', recipients: ['nobody'], message: 'Hi' })['recipients[0]']).toMatch(
      /email address or a user id/,
    );
  });

  it('accepts a value of either alternative of an anyOf', () => {
    const schema = schemaOf('create_task');
    expect(validateValue(schema, { title: 'T', priority: 'low', assignee: 'client_assignee' })).toEqual({});
    expect(validateValue(schema, { title: 'T', priority: 'low', assignee: 'bob' })).toEqual({
      assignee: 'Must be "client_assignee" or a user id (uuid)',
    });
  });

  it('asks for at least one field when the schema says minProperties', () => {
    expect(validateValue(schemaOf('update_client'), {})).toEqual({ '': 'Fill in at least one field' });
  });
});
