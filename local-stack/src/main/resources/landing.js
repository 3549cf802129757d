// The token helper's form; the token is shown as text.
'use strict';

document.getElementById('token').addEventListener('submit', async e => {
  e.preventDefault();
  const f = new FormData(e.target);
  const body = { sub: f.get('sub'), roles: f.get('roles').split(',').map(r => r.trim()).filter(Boolean) };
  const r = await fetch('/dev/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  document.getElementById('out').textContent = j.token || JSON.stringify(j, null, 2);
});
