// The console's one script: live updates. Every page works without it; with it, the part of the page marked
// data-live is redrawn from the server within a moment of a reading or alert change, without a reload. EventSource
// reconnects by itself after a gateway restart.
(function () {
    "use strict";
    var live = document.querySelector("[data-live]");
    if (!live || !window.EventSource) {
        return;
    }

    var due = false;
    var busy = false;

    function redraw() {
        // Never redraw under someone filling in a form (a note, a slot): wait until the field loses focus.
        if (live.contains(document.activeElement) && ["INPUT", "SELECT"].indexOf(document.activeElement.tagName) >= 0) {
            setTimeout(redraw, 1000);
            return;
        }

        if (busy) {
            due = true;
            return;
        }

        busy = true;
        due = false;
        fetch(window.location.href, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html) {
                    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live]");
                    if (fresh) {
                        live.replaceWith(fresh);
                        live = fresh;
                    }
                }
            })
            .finally(function () {
                busy = false;
                if (due) {
                    redraw();
                }
            });
    }

    // A page about some units (data-live-units) redraws for their readings and for any alert change, not for the
    // readings of the other units of the hub: with 2,000 units, a patient's page would otherwise redraw all day.
    function concernsThisPage(data) {
        var units = live.getAttribute("data-live-units");
        var parts = data.split(" ");
        return units === null || parts[0] !== "readings" || units.split(" ").indexOf(parts[1]) >= 0;
    }

    var events = new EventSource("/events");
    events.onmessage = function (message) {
        if (concernsThisPage(message.data)) {
            redraw();
        }
    };
    // Says on the page whether updates are arriving (and lets a test wait until they are).
    events.onopen = function () { document.documentElement.setAttribute("data-events", "open"); };
    events.onerror = function () { document.documentElement.setAttribute("data-events", "reconnecting"); };
})();
