// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from './dropdown-menu';
import { Toaster, dismissToast, toast } from './toast';

afterEach(cleanup);

function Menu({ onRename, onDelete }: { onRename: () => void; onDelete: () => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger>Actions</DropdownMenuTrigger>
      <DropdownMenuContent header={<p>Signed in as Ada</p>}>
        <DropdownMenuItem onSelect={onRename}>Rename</DropdownMenuItem>
        <DropdownMenuItem disabled>Archive</DropdownMenuItem>
        <DropdownMenuItem destructive onSelect={onDelete}>
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

describe('DropdownMenu', () => {
  it('opens from the keyboard, lists its items, runs the chosen one and closes', async () => {
    const onRename = vi.fn();
    const onDelete = vi.fn();
    render(<Menu onRename={onRename} onDelete={onDelete} />);
    const trigger = screen.getByRole('button', { name: 'Actions' });
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    trigger.focus();
    fireEvent.keyDown(trigger, { key: 'Enter' });
    // The first press loads the menu's code; the button is then Radix's, with the menu open.
    const menu = await screen.findByRole('menu');
    const opened = screen.getByRole('button', { name: 'Actions' });
    expect(menu.getAttribute('aria-labelledby')).toBe(opened.id);
    expect(opened.getAttribute('aria-expanded')).toBe('true');
    // Opened from the keyboard: focus is on the first item.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' })),
    );
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Rename',
      'Archive',
      'Delete',
    ]);
    expect(screen.getByText('Signed in as Ada')).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Archive' }).getAttribute('aria-disabled')).toBe(
      'true',
    );

    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onRename).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
  });

  it('closes on Escape without running anything', async () => {
    const onRename = vi.fn();
    render(<Menu onRename={onRename} onDelete={() => {}} />);
    const trigger = screen.getByRole('button', { name: 'Actions' });
    trigger.focus();
    fireEvent.keyDown(trigger, { key: 'Enter' });
    const menu = await screen.findByRole('menu');
    fireEvent.keyDown(menu, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(onRename).not.toHaveBeenCalled();
    // Focus is back on the menu button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Actions' }));
  });
});

function DialogHarness({ dismissible = true }: { dismissible?: boolean }) {
  const [open, setOpen] = useState(false);
  const [closed, setClosed] = useState(0);
  return (
    <main id="main" tabIndex={-1}>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <p>Closed {closed} times</p>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setClosed((n) => n + 1);
        }}
        title="Rename team"
        description="Everyone sees the new name."
        role="alertdialog"
        dismissible={dismissible}
        footer={<button type="button">Save</button>}
      >
        <label>
          Name <input defaultValue="Acme" />
        </label>
      </Dialog>
    </main>
  );
}

describe('Dialog', () => {
  it('is a labelled dialog whose focus starts on its first field and returns to the opener', async () => {
    render(<DialogHarness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.getAttribute('aria-labelledby')).toBe(screen.getByText('Rename team').id);
    expect(dialog.getAttribute('aria-describedby')).toBe(
      screen.getByText('Everyone sees the new name.').id,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByText('Closed 1 times')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('stays open on Escape and shows no close button while not dismissible', async () => {
    render(<DialogHarness dismissible={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(screen.getByText('Closed 0 times')).toBeTruthy();
  });

  it('closes from its close button', async () => {
    render(<DialogHarness />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByText('Closed 1 times')).toBeTruthy();
  });
});

describe('Toaster', () => {
  it('shows notices with their description, keeps the newest three and dismisses on request', async () => {
    render(<Toaster />);
    const ids: number[] = [];
    act(() => {
      for (const n of [1, 2, 3, 4]) ids.push(toast(`Saved ${n}`, { description: `Detail ${n}` }));
    });
    // The toast list is loaded with the first toast.
    expect(await screen.findByText('Saved 4')).toBeTruthy();
    expect(screen.queryByText('Saved 1')).toBeNull();
    for (const n of [2, 3, 4]) {
      expect(screen.getByText(`Saved ${n}`)).toBeTruthy();
      expect(screen.getByText(`Detail ${n}`)).toBeTruthy();
    }
    act(() => dismissToast(ids[2]!));
    expect(screen.queryByText('Saved 3')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notification' })[0]!);
    await waitFor(() => expect(screen.queryByText('Saved 2')).toBeNull());
    expect(screen.getByText('Saved 4')).toBeTruthy();
    act(() => dismissToast(ids[3]!));
  });
});
