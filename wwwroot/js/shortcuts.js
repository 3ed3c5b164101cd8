// Keyboard shortcuts: "/" search, "?" the list, "g" then a letter to go to a page, "p" pause live updates.
// Keys typed into a field or the YAML editor are left alone.
window.multinetShortcuts = (function () {
    let target = null;
    let pendingG = 0;
    function typing(element) {
        if (!element) { return false; }
        const tag = element.tagName;
        return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable
            || (element.closest && element.closest('.monaco-editor, .mud-dialog') !== null);
    }
    function onKey(event) {
        if (!target || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
        let command = null;
        if (pendingG && Date.now() - pendingG < 1500) {
            pendingG = 0;
            command = 'go:' + event.key;
        } else if (event.key === 'g') {
            pendingG = Date.now();
            return;
        } else if (event.key === '/') {
            command = 'search';
        } else if (event.key === '?') {
            command = 'help';
        } else if (event.key === 'p') {
            command = 'pause';
        }
        if (command) {
            event.preventDefault();
            target.invokeMethodAsync('OnShortcut', command);
        }
    }
    document.addEventListener('keydown', onKey);
    return {
        // The page marks itself once keys work (it is interactive), so a script or a test can wait for that.
        register: function (dotnetRef) { target = dotnetRef; document.documentElement.dataset.shortcuts = 'ready'; },
        unregister: function () { target = null; delete document.documentElement.dataset.shortcuts; }
    };
})();

// The reconnect banner's Reload links (no inline handlers: the Content-Security-Policy allows only scripts from the site).
document.addEventListener('click', function (event) {
    const link = event.target.closest && event.target.closest('a[data-reload]');
    if (link) {
        event.preventDefault();
        location.reload();
    }
});
