// Elsa Studio host page (Features/Studio/StudioPages.cs): every view under /studio. The address picks the custom
// element (our short paths and the paths Studio builds itself); a change of view swaps the element in place and
// pushes the new address, so the WebAssembly app starts once. Studio's own navigations (e.g. Run →
// workflows/instances/{id}/view) go through history.pushState and are followed the same way. A file, not an inline
// script, so the Content-Security-Policy needs no 'unsafe-inline'.
(() => {
  const keyName = 'klachten.studio.apiKey';
  const main = document.getElementById('studio');
  const api = location.origin + '/elsa/api'; // absolute, no trailing slash
  const suffix = ' · Elsa Studio · Klachtenprocedure';
  const views = {
    list: { tag: 'elsa-workflow-definition-list', title: 'Workflows', nav: 'definitions' },
    editor: { tag: 'elsa-workflow-definition-editor', title: 'Workflow bewerken', nav: 'definitions', idAttribute: 'definition-id' },
    instances: { tag: 'elsa-workflow-instance-list', title: 'Workflow-instanties', nav: 'instances' },
    viewer: { tag: 'elsa-workflow-instance-viewer', title: 'Workflow-instantie', nav: 'instances', idAttribute: 'instance-id' },
  };
  const paths = {
    list: () => '/studio/workflows/definitions',
    editor: id => '/studio/workflows/definitions/' + encodeURIComponent(id) + '/edit',
    instances: () => '/studio/workflows/instances',
    viewer: id => '/studio/workflows/instances/' + encodeURIComponent(id) + '/view',
  };
  const idOf = value => (value && typeof value === 'object') ? (value.workflowInstanceId || value.id) : value;
  const callbacks = {
    'elsa-workflow-definition-list': { editWorkflowDefinition: id => navigate(paths.editor(idOf(id))) },
    'elsa-workflow-definition-editor': { workflowDefinitionExecuted: id => navigate(paths.viewer(idOf(id))) },
    'elsa-workflow-instance-list': { viewWorkflowInstance: id => navigate(paths.viewer(idOf(id))) },
    'elsa-workflow-instance-viewer': { editWorkflowDefinition: id => navigate(paths.editor(idOf(id))) },
  };
  let auth = null, current = null;

  // The view for an address: our short paths (/studio/editor?id=…) and the paths Studio builds itself.
  function resolve(url) {
    const path = url.pathname.replace(/\/+$/, '');
    const query = url.searchParams.get('id');
    let match;
    if (path === '/studio' || path === '/studio/workflows/definitions') return { view: views.list };
    if (path === '/studio/editor') return { view: views.editor, id: query };
    if ((match = /^\/(?:studio\/)?workflows\/definitions\/([^/]+)\/edit$/.exec(path))) return { view: views.editor, id: decodeURIComponent(match[1]) };
    if (path === '/studio/instances' || path === '/studio/workflows/instances') return { view: views.instances };
    if (path === '/studio/instance') return { view: views.viewer, id: query };
    if ((match = /^\/(?:studio\/)?workflows\/instances\/([^/]+)\/view$/.exec(path))) return { view: views.viewer, id: decodeURIComponent(match[1]) };
    if (path === '/diagnostics/structured-logs') {
      const instance = url.searchParams.get('workflowInstanceId');
      return instance ? { view: views.viewer, id: instance, canonical: paths.viewer(instance) } : { view: views.instances };
    }
    return null;
  }

  function navigate(href) {
    const url = new URL(href, location.origin);
    const target = resolve(url);
    if (!target || !auth) { location.href = url.href; return; }
    history.pushState(null, '', target.canonical || (url.pathname.startsWith('/studio') ? url.pathname + url.search : paths[key(target.view)](target.id)));
    render();
  }

  const key = view => Object.keys(views).find(name => views[name] === view);

  function show(id, visible) { document.getElementById(id).hidden = !visible; }

  let rendering = Promise.resolve();
  function render() { rendering = rendering.then(renderNow); return rendering; }

  async function renderNow() {
    const target = resolve(new URL(location.href));
    if (!target || !auth) return;
    const { view, id } = target;
    if (current && current.view === view && current.id === id) return;
    document.title = view.title + suffix;
    for (const link of document.querySelectorAll('.kw-bar nav a[data-nav]')) {
      if (link.dataset.nav === view.nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    if (current) {
      // One Studio element at a time, in place (no restart of the WebAssembly app). MudBlazor's overlay section
      // allows one subscriber, so the new element may only render once .NET disposed the old one ("There is already
      // a subscriber … mud-overlay-to-popover-provider" otherwise). Blazor disposes a removed custom element after
      // 1 s (so that moving an element does not dispose it) and sets _isDisposed when it does.
      const old = current.element;
      old.remove();
      current = null;
      await disposed(old);
    }
    if (view.idAttribute && !id) {
      const missing = document.getElementById('kw-missing');
      missing.textContent = 'Er is geen id opgegeven; kies eerst een item uit de lijst.';
      missing.hidden = false;
      return;
    }
    show('kw-missing', false);
    const element = document.createElement(view.tag);
    element.setAttribute('remote-endpoint', api);
    if (auth.apiKey) element.setAttribute('api-key', auth.apiKey);
    else element.setAttribute('access-token', auth.token);
    if (view.idAttribute) element.setAttribute(view.idAttribute, id);
    main.appendChild(element);
    current = { view, id, element };
    // Set after the upgrade: a property set on the not-yet-upgraded element would shadow the component's setter.
    await customElements.whenDefined(view.tag);
    Object.assign(element, callbacks[view.tag] || {});
  }
  async function disposed(element) {
    const pause = ms => new Promise(done => setTimeout(done, ms));
    await pause(1000);
    for (let waited = 0; element._isDisposed === false && waited < 2000; waited += 25) await pause(25);
    await pause(50); // the disposal itself is one more turn of the .NET dispatcher
  }

  // Studio (Blazor's NavigationManager) changes the address with pushState/replaceState; follow it after Blazor's
  // own handling has finished.
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const result = original.apply(this, args);
      setTimeout(render, 0);
      return result;
    };
  }
  window.addEventListener('popstate', render);

  // Links inside /studio (our bar, and Studio's own anchors such as the viewer's definition link) swap in place.
  document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey
      || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !resolve(url) || !auth) return;
    event.preventDefault();
    navigate(url.href);
  }, true);

  function mount(found) {
    auth = found;
    show('kw-signin', false);
    document.getElementById('kw-user').textContent = auth.displayName ? 'Aangemeld als ' + auth.displayName : 'Met API-sleutel';
    show('kw-forget', !!auth.apiKey);
    render();
    if (auth.token) {
      // Renew the short-lived token while the page stays open.
      setInterval(async () => {
        const fresh = await sessionToken();
        if (fresh) { auth.token = fresh.token; if (current) current.element.setAttribute('access-token', fresh.token); }
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
