// Starts GraphiQL in the page the server renders. Loaded before the GraphiQL bundle: the editor reads
// MonacoEnvironment when it starts, and its workers come from beside this script (the page's
// Content-Security-Policy allows no other origin, and no blob: URL).

(() => {
  const assets = new URL('.', document.currentScript.src).pathname;
  const workers = {
    editorWorkerService: `${assets}editor.worker.js`,
    json: `${assets}json.worker.js`,
    graphql: `${assets}graphql.worker.js`,
  };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => workers[label],
  };
  window.addEventListener('DOMContentLoaded', () => {
    const root = document.getElementById('root');
    if (typeof YogaGraphiQL === 'undefined') {
      root.textContent = `GraphiQL did not load: its script at ${assets}graphiql.js did not run.`;
      return;
    }
    const options = JSON.parse(document.getElementById('graphiql-options').textContent);
    YogaGraphiQL.renderYogaGraphiQL(root, options);
  });
})();
