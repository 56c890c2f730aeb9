// Kunskapsbanken, redigera: focus the message box after a round trip, and check each change
// with the same checker as the server (the form works without this script too).
(function () {
  "use strict";
  var box = document.querySelector("[data-fokus]");
  if (box) { box.focus(); }

  var form = document.querySelector("form[data-redigera]");
  if (!form || !window.fetch) { return; }
  var status = document.createElement("p");
  status.className = "visuellt-dold";
  status.setAttribute("role", "status");
  status.setAttribute("data-kontrollstatus", "");
  form.appendChild(status);
  var sequence = 0;
  var timer = null;

  function describedBy(element, id, on) {
    var ids = (element.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
      return x && x !== id;
    });
    if (on) { ids.push(id); }
    if (ids.length) { element.setAttribute("aria-describedby", ids.join(" ")); }
    else { element.removeAttribute("aria-describedby"); }
  }

  function show(result) {
    var fields = result["fält"] || {};
    form.querySelectorAll("[data-meddelanden]").forEach(function (container) {
      var target = container.getAttribute("data-meddelanden");
      var problems = fields[target] || [];
      var hasError = problems.some(function (p) { return !p.varning; });
      container.textContent = "";
      problems.forEach(function (p) {
        var line = document.createElement("p");
        line.className = p.varning ? "varning" : "fel";
        var label = document.createElement("span");
        label.className = "visuellt-dold";
        label.textContent = p.varning ? "Varning: " : "Fel: ";
        line.appendChild(label);
        line.appendChild(document.createTextNode(p.text));
        container.appendChild(line);
      });
      container.hidden = problems.length === 0;
      var wrapper = form.querySelector('[data-falt="' + target + '"]');
      if (wrapper) { wrapper.classList.toggle("har-meddelande", problems.length > 0); }
      var group = document.getElementById(target + "-grupp");
      var control = group || document.getElementById(target);
      if (control) { describedBy(control, container.id, problems.length > 0); }
      var inputs = group ? group.querySelectorAll("input") : (control ? [control] : []);
      inputs.forEach(function (input) {
        if (hasError) { input.setAttribute("aria-invalid", "true"); }
        else { input.removeAttribute("aria-invalid"); }
      });
    });
    var address = document.querySelector("[data-adress]");
    if (address) {
      address.querySelector("[data-adress-id]").textContent = result.adress || "";
      address.hidden = !result.adress;
    }
    status.textContent = "Kontrollen: " + result.fel + " fel och " + result.varningar +
      (result.varningar === 1 ? " varning." : " varningar.");
    form.setAttribute("data-kontrollerad", String(sequence));
  }

  function check() {
    var data = new FormData(form);
    Array.from(data.keys()).forEach(function (key) {
      if (/-uppladdning$/.test(key)) { data.delete(key); }
    });
    data.set("atgard", "kontrollera");
    var mine = ++sequence;
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result && mine === sequence) { show(result); }
    }).catch(function () { /* the buttons still check on the server */ });
  }

  // Leaving with unsaved changes asks first (the browser's own question).
  // A page the server answered a check with holds values that are not saved yet.
  var unsaved = form.hasAttribute("data-osparad");
  form.addEventListener("input", function () { unsaved = true; });
  form.addEventListener("submit", function (event) {
    // The preview opens in another tab; this one still holds the unsaved values.
    if (!event.submitter || event.submitter.value !== "forhandsgranska") { unsaved = false; }
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });

  form.addEventListener("change", function (event) {
    unsaved = true;
    if (event.target.type === "file") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 300);
  });
  form.setAttribute("data-klar", "");
})();
