// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from './dropdown-menu';

afterEach(cleanup);

// Its own file: the menu's code is not loaded yet when the first test presses the button, as on
// a page's first press.
describe('DropdownMenu before its code is loaded', () => {
  it('ignores a press with another button or with Ctrl, like the menu it stands for', async () => {
    render(
      <DropdownMenu>
        <DropdownMenuTrigger>More</DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem>Archive</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>,
    );
    const button = screen.getByRole('button', { name: 'More' });
    fireEvent.pointerDown(button, { button: 2 });
    fireEvent.pointerDown(button, { button: 0, ctrlKey: true });
    fireEvent.keyDown(button, { key: 'a' });
    await act(async () => {});
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'More' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('shows a menu button, opens on the first press of the pointer, and again after closing', async () => {
    const onRename = vi.fn();
    render(
      <DropdownMenu>
        <DropdownMenuTrigger>Actions</DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem onSelect={onRename}>Rename</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>,
    );
    const button = screen.getByRole('button', { name: 'Actions' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.pointerDown(button, { button: 0 });
    expect(await screen.findByRole('menu')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Actions' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());

    fireEvent.pointerDown(screen.getByRole('button', { name: 'Actions' }), { button: 0 });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Rename' }));
    expect(onRename).toHaveBeenCalledTimes(1);
  });
});
