// Elsa Studio host page (Features/Studio/StudioPages.cs): mounts the custom element with a session token or an API key.
// A file, not an inline script, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
(() => {
  const keyName = 'klachten.studio.apiKey';
  const main = document.getElementById('studio');
  const tag = main.dataset.tag, idAttribute = main.dataset.idAttribute;
  const api = location.origin + '/elsa/api'; // absolute, no trailing slash
  const go = path => (id => { location.href = path + encodeURIComponent(id); });
  const callbacks = {
    'elsa-workflow-definition-list': { editWorkflowDefinition: go('/studio/editor?id=') },
    'elsa-workflow-definition-editor': { workflowDefinitionExecuted: go('/studio/instance?id=') },
    'elsa-workflow-instance-list': { viewWorkflowInstance: go('/studio/instance?id=') },
    'elsa-workflow-instance-viewer': { editWorkflowDefinition: go('/studio/editor?id=') },
  };

  function show(id, visible) { document.getElementById(id).hidden = !visible; }

  function mount(auth) {
    show('kw-signin', false);
    const element = document.createElement(tag);
    element.setAttribute('remote-endpoint', api);
    if (auth.apiKey) element.setAttribute('api-key', auth.apiKey);
    else element.setAttribute('access-token', auth.token);
    if (idAttribute) {
      const id = new URLSearchParams(location.search).get('id');
      if (!id) {
        const missing = document.getElementById('kw-missing');
        missing.textContent = 'Er is geen id opgegeven; kies eerst een item uit de lijst.';
        missing.hidden = false;
        return;
      }
      element.setAttribute(idAttribute, id);
    }
    main.appendChild(element);
    customElements.whenDefined(tag).then(() => Object.assign(element, callbacks[tag] || {}));
    document.getElementById('kw-user').textContent = auth.displayName ? 'Aangemeld als ' + auth.displayName : 'Met API-sleutel';
    show('kw-forget', !!auth.apiKey);
    if (auth.token) {
      // Renew the short-lived token while the page stays open.
      setInterval(async () => {
        const fresh = await sessionToken();
        if (fresh) element.setAttribute('access-token', fresh.token);
      }, 20 * 60 * 1000);
    }
  }

  async function sessionToken() {
    try {
      const response = await fetch('/studio/token', { credentials: 'same-origin', headers: { Accept: 'application/json' }, redirect: 'manual' });
      return response.ok ? await response.json() : null;
    } catch { return null; }
  }

  async function keyWorks(key) {
    const response = await fetch(api + '/features/installed', { headers: { Authorization: 'ApiKey ' + key } });
    return response.ok;
  }

  document.getElementById('kw-forget').addEventListener('click', () => { sessionStorage.removeItem(keyName); location.reload(); });
  document.getElementById('kw-signin-link').href = '/aanmelden?ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
  document.getElementById('kw-key-form').addEventListener('submit', async event => {
    event.preventDefault();
    const key = document.getElementById('kw-key').value.trim();
    const error = document.getElementById('kw-key-error');
    error.textContent = '';
    if (key && await keyWorks(key)) {
      sessionStorage.setItem(keyName, key);
      mount({ apiKey: key });
    } else {
      error.textContent = 'Deze API-sleutel is onbekend of ingetrokken.';
    }
  });

  (async () => {
    const session = await sessionToken();
    if (session) { mount(session); return; }
    const key = sessionStorage.getItem(keyName);
    if (key && await keyWorks(key)) { mount({ apiKey: key }); return; }
    sessionStorage.removeItem(keyName);
    show('kw-signin', true);
  })();
})();
