// Loads the Monaco editor (shipped by BlazorMonaco) only on pages that need it, once.
window.multinetLoadMonaco = (function () {
    let loading = null;
    function load(src) {
        return new Promise(function (resolve, reject) {
            const script = document.createElement('script');
            script.src = src;
            script.onload = resolve;
            script.onerror = function () { reject(new Error('Could not load ' + src)); };
            document.body.appendChild(script);
        });
    }
    return function () {
        if (!loading) {
            const base = '_content/BlazorMonaco/';
            loading = load(base + 'jsInterop.js')
                .then(function () { return load(base + 'lib/monaco-editor/min/vs/loader.js'); })
                .then(function () {
                    // Through the AMD loader: its callback runs once editor.main and what it needs (nls...) have
                    // run and the monaco global exists; a script tag's onload can come before that.
                    return new Promise(function (resolve, reject) {
                        window.require.config({ paths: { vs: base + 'lib/monaco-editor/min/vs' } });
                        window.require(['vs/editor/editor.main'], function () { resolve(true); }, reject);
                    });
                });
        }
        return loading;
    };
})();

// Resolves once BlazorMonaco has created the editor with this id (it does so from its own first render).
window.multinetWhenEditor = function (id) {
    return new Promise(function (resolve, reject) {
        const started = Date.now();
        (function check() {
            if (window.blazorMonaco && window.blazorMonaco.editors.some(function (e) { return e.id === id; })) {
                resolve(true);
            } else if (Date.now() - started > 30000) {
                reject(new Error('The editor did not start.'));
            } else {
                requestAnimationFrame(check);
            }
        })();
    });
};
