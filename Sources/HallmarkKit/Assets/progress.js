// Keeps an import's progress bar current without reloading the page. Without scripts, the
// page's own "Check progress again" link does the same by hand.
(function () {
  var status = document.getElementById("import-status");
  if (!status || !window.fetch) { return; }
  var bar = status.querySelector("progress");
  var message = document.getElementById("import-message");
  function check() {
    fetch(window.location.pathname + "/status", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.state !== "running") { window.location.reload(); return; }
        bar.max = Math.max(job.filesTotal, 1);
        bar.value = job.filesStored;
        bar.textContent = job.filesStored + " of " + job.filesTotal + " files";
        message.textContent = job.message;
        window.setTimeout(check, 2000);
      })
      .catch(function () { window.setTimeout(check, 5000); });
  }
  window.setTimeout(check, 2000);
})();
