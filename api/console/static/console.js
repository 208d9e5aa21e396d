// Galateo console: progressive enhancement only; every page works without it.
(function () {
  "use strict";
  // Bootstrap Italia loads its fonts from where they are served.
  if (window.bootstrap && window.bootstrap.loadFonts) {
    window.bootstrap.loadFonts("/static/vendor/bootstrap-italia/fonts");
  }
  // The review queue refreshes its table without reloading the page, so
  // that a person keeps their place and focus. The table body comes from
  // the same page with ?frammento=1.
  var rows = document.getElementById("coda-righe");
  if (rows && window.fetch) {
    var refresh = function () {
      var url = new URL(window.location.href);
      url.searchParams.set("frammento", "1");
      fetch(url.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) {
          // A session that ended answers with the sign-in page: reload, so
          // that the person sees it rather than a table made of it.
          if (r.redirected) { window.location.reload(); throw new Error("signed out"); }
          if (!r.ok) { throw new Error(r.status); }
          return r.text();
        })
        .then(function (html) {
          if (document.activeElement && rows.contains(document.activeElement)) { return; }
          rows.innerHTML = html;
          var stamp = document.getElementById("coda-aggiornata");
          if (stamp) { stamp.textContent = "Aggiornata alle " + new Date().toLocaleTimeString("it-IT"); }
        })
        .catch(function () {
          var stamp = document.getElementById("coda-aggiornata");
          if (stamp) { stamp.textContent = "Aggiornamento non riuscito: ricarica la pagina."; }
        });
    };
    var every = parseInt(rows.getAttribute("data-ogni") || "15", 10) * 1000;
    window.setInterval(refresh, every);
  }
})();
