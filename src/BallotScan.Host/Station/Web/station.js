// BallotScan station: live progress, and the sheet page's keyboard. No framework; every action is an ordinary request.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  // The sheet page on a phone: the button that unfolds the boxes the machine settled.
  for (const button of document.querySelectorAll('[data-show-settled]')) {
    button.addEventListener('click', () => {
      document.getElementById(button.dataset.showSettled)?.classList.add('show-all');
      button.hidden = true;
    });
  }

  // Intake: the figures update while the queue reads; when they change, or while a file listed still waits, the lists of
  // files received, of files not taken in and of batches are fetched again with the page (each file's 待读 turns 已读 as it
  // is read, in the page's language).
  const progress = document.getElementById('progress');
  if (progress) {
    let seen = null;
    setInterval(async () => {
      const response = await fetch('/api/progress', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const figures = await response.json();
      for (const element of progress.querySelectorAll('[data-progress]')) {
        const value = figures[element.dataset.progress];
        if (value !== undefined) element.textContent = value;
      }
      const now = JSON.stringify(figures);
      const waiting = document.getElementById('recent-files')?.dataset.queued === 'yes';
      if (seen !== null && (now !== seen || waiting)) {
        const page = await fetch(location.pathname, { headers: { Accept: 'text/html' } });
        if (page.ok) {
          const fresh = new DOMParser().parseFromString(await page.text(), 'text/html');
          for (const id of ['recent-files', 'intake-problems', 'batch-figures']) {
            const old = document.getElementById(id);
            const replacement = fresh.getElementById(id);
            if (old && replacement) old.replaceWith(document.importNode(replacement, true));
          }
        }
      }
      seen = now;
    }, 1000);
  }

  // The hand tally: another row for a written-in name. Rows are numbered on; the server reads kind0, kind1, … until one is missing.
  for (const button of document.querySelectorAll('[data-add-write-in]')) {
    button.addEventListener('click', () => {
      const index = document.querySelectorAll('#hand-tally input[name^="kind"]').length;
      const contest = button.dataset.addWriteIn;
      const row = document.createElement('tr');
      const nameCell = row.insertCell();
      const name = Object.assign(document.createElement('input'), { name: 'name' + index, placeholder: button.dataset.placeholder });
      const kind = Object.assign(document.createElement('input'), { type: 'hidden', name: 'kind' + index, value: 'WriteIn' });
      const contestField = Object.assign(document.createElement('input'), { type: 'hidden', name: 'contest' + index, value: contest });
      nameCell.append(name, kind, contestField);
      row.insertCell().textContent = button.dataset.kindLabel;
      const count = Object.assign(document.createElement('input'), { name: 'c' + index, className: 'count', inputMode: 'numeric' });
      count.dataset.line = 'WriteIn|' + contest + '|';
      row.insertCell().append(count);
      button.closest('tr').before(row);
      name.focus();
    });
  }

  // Marks to decide together: a group's button ticks every box of the group (or, all ticked, clears them).
  for (const button of document.querySelectorAll('[data-tick-all]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const boxes = Array.from(document.querySelectorAll('input[type=checkbox]')).filter(b => b.getAttribute('form') === button.dataset.tickAll);
      const tick = boxes.some(b => !b.checked);
      for (const b of boxes) b.checked = tick;
    });
  }

  // The 另选 page: a group of like ink ticks all its cells (the person unticks any written otherwise), then the name is typed once.
  for (const button of document.querySelectorAll('[data-tick-group]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const boxes = Array.from(button.closest('.ink-group').querySelectorAll('input[name=cells]'));
      const tick = boxes.some(b => !b.checked);
      for (const b of boxes) b.checked = tick;
      if (tick) document.querySelector('form#many input[name=name]')?.focus();
    });
  }

  // The sheet page: choose a box with the arrows, decide with one key.
  const head = document.querySelector('.sheet-head');
  if (!head) return;
  const sheet = head.dataset.sheet;
  const rows = Array.from(document.querySelectorAll('tr.item'));
  const reason = document.getElementById('reason');
  const problem = document.getElementById('decision-problem');
  // Keys by their place on the keyboard (event.code), so that a Chinese input method's letters never decide anything.
  const symbols = { Digit1: 'circle', Digit2: 'cross', Digit3: 'blank', Digit4: 'check', Digit5: 'other', Numpad1: 'circle', Numpad2: 'cross', Numpad3: 'blank', Numpad4: 'check', Numpad5: 'other' };
  const sheetKeys = { KeyQ: 'count', KeyW: 'void', KeyE: 'notCounted' };

  function outline(row) {
    for (const g of document.querySelectorAll('g.box')) g.classList.toggle('focus', row !== null && g.dataset.box === row.dataset.box);
  }
  for (const row of rows) row.addEventListener('focus', () => outline(row));
  for (const g of document.querySelectorAll('g.box')) {
    g.addEventListener('click', () => document.getElementById('row-' + g.dataset.box)?.focus());
  }

  async function decide(body) {
    if (!reason) return;
    problem.hidden = true;
    const response = await fetch('/api/decisions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
      body: JSON.stringify(Object.assign({ sheet: sheet, reason: reason.value }, body)),
    });
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try { message = JSON.parse(text).error ?? text; } catch (e) { /* plain text */ }
      problem.textContent = message;
      problem.hidden = false;
      return;
    }
    // On to the next item that needs a person (the one just decided is done).
    const focused = document.activeElement?.closest?.('tr.item') ?? current;
    const after = focused ? rows.slice(rows.indexOf(focused) + 1) : rows;
    const next = after.find(r => r.classList.contains('attention') && !r.classList.contains('decided')) ?? after[0] ?? focused;
    history.replaceState(null, '', location.pathname + location.search + (next ? '#row-' + next.dataset.box : ''));
    location.reload();
  }

  // Touch: a row's buttons decide its box; the row becomes the current one first.
  let current = null;
  for (const row of rows) {
    row.addEventListener('focus', () => { current = row; });
    for (const button of row.querySelectorAll('[data-symbol]')) {
      button.addEventListener('click', () => { current = row; decide(boxDecision(row, button.dataset.symbol)); });
    }
    row.querySelector('[data-record-name]')?.addEventListener('click', () => { current = row; decide(boxDecision(row, null)); });
  }

  function boxDecision(row, symbol) {
    if (row.dataset.kind === 'WriteIn') {
      const name = row.querySelector('input.write-in')?.value.trim() ?? '';
      return { kind: 'writeIn', boxId: row.dataset.box, writeInName: name, symbol: symbol ?? (row.dataset.machine ? row.dataset.machine.charAt(0).toLowerCase() + row.dataset.machine.slice(1) : null) };
    }
    return { kind: 'box', boxId: row.dataset.box, symbol: symbol };
  }

  for (const button of document.querySelectorAll('[data-sheet-decision]')) {
    button.addEventListener('click', () => decide({ kind: 'sheet', sheetDecision: button.dataset.sheetDecision.charAt(0).toLowerCase() + button.dataset.sheetDecision.slice(1) }));
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    // While an input method composes (a name typed in Chinese), every key belongs to it.
    if (event.isComposing || event.keyCode === 229) return;
    const typing = event.target instanceof HTMLInputElement;
    const row = document.activeElement?.closest?.('tr.item') ?? null;
    if (typing) {
      // A name typed in a write-in cell: Enter records it, keeping the machine's reading of the cell's box.
      if (event.key === 'Enter' && event.target.classList.contains('write-in') && row) {
        event.preventDefault();
        decide(boxDecision(row, null));
      }
      return;
    }
    const index = row ? rows.indexOf(row) : -1;
    if (event.key === 'ArrowDown' || event.code === 'KeyJ') { event.preventDefault(); rows[Math.min(rows.length - 1, index + 1)]?.focus(); return; }
    if (event.key === 'ArrowUp' || event.code === 'KeyK') { event.preventDefault(); rows[Math.max(0, index - 1)]?.focus(); return; }
    if (symbols[event.code] && row) { event.preventDefault(); decide(boxDecision(row, symbols[event.code])); return; }
    if (sheetKeys[event.code]) { event.preventDefault(); decide({ kind: 'sheet', sheetDecision: sheetKeys[event.code] }); return; }
    if (event.code === 'KeyN') { event.preventDefault(); document.getElementById('next-sheet')?.click(); }
  });

  // Start on the box named in the address, else the first that needs a person.
  const wanted = location.hash.startsWith('#row-') ? document.getElementById(location.hash.slice(1)) : null;
  const start = wanted ?? rows.find(r => r.classList.contains('attention') && !r.classList.contains('decided')) ?? rows[0];
  start?.focus();
})();
