import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasicsStep } from './BasicsStep';
import { emptyDraft } from './draft';
import { BuilderHarness } from './help/builderHarness';

function renderBasics() {
  return render(
    <BuilderHarness>
      <BasicsStep draft={emptyDraft()} onChange={() => undefined} />
    </BuilderHarness>,
  );
}

describe('BasicsStep help', () => {
  it('says what the step is for, and on opening what a good name is, what approval means and an example', () => {
    renderBasics();
    const help = screen.getByRole('complementary', { name: 'Help: Basics' });
    expect(within(help).getByText(/Name the automation and say what it is for/)).toBeTruthy();
    // Closed on a phone-sized screen (the test's media queries match nothing) until asked.
    const toggle = within(help).getByRole('button', { name: 'Help' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(help).queryByText('What you decide here')).toBeNull();

    fireEvent.click(toggle);
    expect(within(help).getByRole('button', { name: 'Hide help' }).getAttribute('aria-expanded')).toBe('true');
    expect(within(help).getByText(/tells more than “Automation 3”/)).toBeTruthy();
    expect(within(help).getByText(/waits in Approvals until an admin approves it/)).toBeTruthy();
    expect(within(help).getByText('For example')).toBeTruthy();
    expect(within(help).getByText(/ROAS drop rescue/)).toBeTruthy();
  });

  it('remembers that the help was opened, for the next step', () => {
    const first = renderBasics();
    fireEvent.click(
      within(screen.getByRole('complementary', { name: 'Help: Basics' })).getByRole('button', { name: 'Help' }),
    );
    first.unmount();

    renderBasics();
    expect(
      within(screen.getByRole('complementary', { name: 'Help: Basics' })).getByRole('button', { name: 'Hide help' }),
    ).toBeTruthy();
  });
});
