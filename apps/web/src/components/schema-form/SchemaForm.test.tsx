import { useState } from 'react';
import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { actionCatalog, triggerCatalog } from '@automations/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { jsonResponse } from '../../test/fetchStub';
import { stubApp } from '../../test/appStubs';
import type { JsonSchema } from './jsonSchema';
import { SchemaForm } from './SchemaForm';
import { validateValue } from './validateSchema';

const createTask = actionCatalog.find((type) => type.type === 'create_task')!.configSchema;
const scheduled = triggerCatalog.find((type) => type.type === 'scheduled')!.configSchema;

const reportSchema: JsonSchema = {
  type: 'object',
  required: ['channel', 'recipients', 'format'],
  properties: {
    channel: { type: 'string', title: 'Channel', enum: ['slack', 'email'] },
    recipients: { type: 'array', title: 'Recipients', minItems: 1, items: { type: 'string', minLength: 1 } },
    format: {
      title: 'Format',
      description: 'How the report looks.',
      oneOf: [
        { const: 'short', title: 'Short summary' },
        { const: 'full', title: 'Full report' },
      ],
    },
    attachCsv: { type: 'boolean', title: 'Attach a CSV' },
    ratio: { type: 'number', title: 'Ratio', minimum: 0, maximum: 1 },
  },
};

let lastValue: Record<string, unknown> = {};

/** Picker fields (`x-picker`) read the agency's lists through the API client. */
function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <MantineProvider env="test">{children}</MantineProvider>
    </QueryClientProvider>
  );
}

beforeEach(() => {
  stubApp({ 'GET /api/v1/users': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }) });
});

/** A form with a "Check" button, as the wizard uses it: errors appear once checked. */
function Harness({ schema, initial = {} }: { schema: JsonSchema; initial?: Record<string, unknown> }) {
  const [value, setValue] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  lastValue = value;
  return (
    <Providers>
      <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} />
      <button type="button" onClick={() => setErrors(validateValue(schema, value))}>
        Check
      </button>
    </Providers>
  );
}

const field = (label: RegExp | string) => screen.getByLabelText(label) as HTMLInputElement;
const check = () => fireEvent.click(screen.getByRole('button', { name: 'Check' }));

describe('SchemaForm', () => {
  it('renders one field per property, labelled by title, with the description as help and required marks', () => {
    render(<Harness schema={createTask} />);

    expect(field(/^Title/).tagName).toBe('INPUT');
    expect(field(/^Description/).tagName).toBe('TEXTAREA'); // long text gets a text area
    expect(field(/^Priority/).tagName).toBe('SELECT');
    expect(field(/^Due in \(days\)/).getAttribute('inputmode')).toBe('numeric');
    expect(screen.getByText('Task title; templates such as {{client.name}} are allowed.')).toBeTruthy();
    expect(field(/^Title/).getAttribute('aria-required')).toBe('true');
    expect(field(/^Priority/).getAttribute('aria-required')).toBe('true');
    expect(field(/^Description/).getAttribute('aria-required')).toBeNull();
  });

  it('reports missing required fields on the field, and clears empty optional ones from the value', () => {
    render(<Harness schema={createTask} />);
    check();

    expect(field(/^Title/).getAttribute('aria-invalid')).toBe('true');
    expect(field(/^Priority/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Required')).toHaveLength(2);
    expect(field(/^Description/).getAttribute('aria-invalid')).not.toBe('true');

    fireEvent.change(field(/^Title/), { target: { value: 'Call {{client.name}}' } });
    fireEvent.change(field(/^Description/), { target: { value: 'x' } });
    fireEvent.change(field(/^Description/), { target: { value: '' } });
    check();
    expect(field(/^Title/).getAttribute('aria-invalid')).not.toBe('true');
    expect(lastValue).toEqual({ title: 'Call {{client.name}}' });
  });

  it('offers an enum as a select of its values and a oneOf of constants by their titles', () => {
    render(<Harness schema={reportSchema} />);

    const priority = field(/^Channel/);
    expect(
      within(priority)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose…', 'slack', 'email']);
    fireEvent.change(priority, { target: { value: 'email' } });

    const format = field(/^Format/);
    expect(
      within(format)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose…', 'Short summary', 'Full report']);
    fireEvent.change(format, { target: { value: 'full' } });
    expect(lastValue).toEqual({ channel: 'email', format: 'full' });
  });

  it('takes numbers as numbers and says when the text is not one or out of bounds', () => {
    render(<Harness schema={createTask} initial={{ title: 'T', priority: 'low' }} />);

    fireEvent.change(field(/^Due in/), { target: { value: 'soon' } });
    check();
    expect(screen.getByText('Must be a whole number')).toBeTruthy();

    fireEvent.change(field(/^Due in/), { target: { value: '400' } });
    check();
    expect(screen.getByText('Must be at most 365')).toBeTruthy();

    fireEvent.change(field(/^Due in/), { target: { value: '3' } });
    check();
    expect(lastValue).toEqual({ title: 'T', priority: 'low', dueInDays: 3 });
    expect(screen.queryByText(/Must be/)).toBeNull();
  });

  it('edits a list of texts like tags, and a boolean as a switch', () => {
    render(<Harness schema={reportSchema} />);
    check();
    const input = field(/^Recipients/);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(input, { target: { value: 'C0123ABCD' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: 'U0456, U0789' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to Recipients' }));
    expect(lastValue.recipients).toEqual(['C0123ABCD', 'U0456', 'U0789']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove U0456' }));
    expect(lastValue.recipients).toEqual(['C0123ABCD', 'U0789']);

    fireEvent.click(screen.getByRole('switch', { name: 'Attach a CSV' }));
    expect(lastValue.attachCsv).toBe(true);
  });

  it('renders nested objects as a group and maps errors by path', () => {
    render(
      <Providers>
        <SchemaForm
          schema={scheduled}
          value={{ cron: '0 9 * * 1', timezone: 'UTC' }}
          onChange={() => undefined}
          errors={{ cron: 'invalid cron expression', 'clientFilter.health': 'must be one of: green, yellow, red' }}
        />
      </Providers>,
    );
    const filter = screen.getByRole('group', { name: 'Client filter' });
    expect(within(filter).getByText('must be one of: green, yellow, red')).toBeTruthy();
    expect(
      within(filter)
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('value')),
    ).toEqual(['green', 'yellow', 'red']);
    expect(field(/^Schedule \(cron\)/).getAttribute('aria-invalid')).toBe('true');
  });
});
