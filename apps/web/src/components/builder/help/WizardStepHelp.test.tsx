import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BuilderHarness } from './builderHarness';
import { FillInHelp } from './FillInHelp';
import { ReviewHelp } from './ReviewHelp';

describe('wizard step help', () => {
  it('Review & test says what the preview does and that nothing is sent during a test', () => {
    render(
      <BuilderHarness>
        <ReviewHelp />
      </BuilderHarness>,
    );
    const help = screen.getByRole('complementary', { name: 'Help: Review & test' });
    expect(within(help).getByText('Read the automation in words, try it on a client, then save it.')).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Help' }));
    expect(
      within(help).getByText(/plays the automation for one client, one of yours or a made-up sample/),
    ).toBeTruthy();
    expect(within(help).getByText('Nothing is sent during a test')).toBeTruthy();
    expect(
      within(help).getByText(/no Slack message or email goes out, and no task, ticket, alert or client change is made/),
    ).toBeTruthy();
  });

  it('Fill in says which values a template asks for and that the rest can be changed later', () => {
    render(
      <BuilderHarness>
        <FillInHelp />
      </BuilderHarness>,
    );
    const help = screen.getByRole('complementary', { name: 'Help: Fill in' });
    expect(within(help).getByText(/cannot know who should hear about it/)).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Help' }));
    expect(within(help).getByText(/pick the Slack channels, team members or email addresses/)).toBeTruthy();
    expect(within(help).getByText(/read and change it in the next steps before saving/)).toBeTruthy();
  });
});
