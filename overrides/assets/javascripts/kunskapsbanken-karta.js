// The evidence and gap map, filtered in place: target group and a range of years (from–to).
// Without this script the map is filtered by links to pre-built pages; with it, a form above the
// table recomputes the cells from karta.json and keeps the choice in the address (?malgrupp=&fran=&till=).

const root = document.querySelector("[data-kb-kartdata]");

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const count = (n, one, many) => `${n.toLocaleString("sv-SE")} ${n === 1 ? one : many}`;

function select(id, label, options, value) {
  const field = document.createElement("div");
  field.className = "kb-karta__falt";
  const labelElement = document.createElement("label");
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const element = document.createElement("select");
  element.id = id;
  for (const [optionValue, text] of options) element.add(new Option(text, optionValue, false, optionValue === value));
  field.append(labelElement, element);
  return [field, element];
}

async function start() {
  const data = await (await fetch(new URL(root.dataset.kbKartdata, location.href))).json();
  const params = new URLSearchParams(location.search);
  const table = root.querySelector("[data-kb-karta]");
  const summary = root.querySelector("[data-kb-karta-summering]");
  const caption = table.querySelector("caption");
  const search = new URL(root.dataset.kbSok, location.href);
  const download = document.querySelector("[data-kb-karta-csv]");
  const years = data.ar;
  // The page's own selection (a pre-built page) is the starting point; the address may refine it.
  const pageGroup = root.querySelector('.kb-karta__filter[aria-label="Målgrupp"] [aria-current]')?.textContent.replace(/ \(\d+\)$/, "");
  const pageFrom = root.querySelector('.kb-karta__filter[aria-label="År"] [aria-current]')?.textContent.match(/\d{4}/)?.[0];
  const state = {
    group: params.get("malgrupp") ?? (pageGroup && pageGroup !== "Alla" ? pageGroup : ""),
    from: params.get("fran") ?? pageFrom ?? String(years[0]),
    to: params.get("till") ?? String(years[years.length - 1]),
  };

  const form = document.createElement("form");
  form.className = "kb-karta__form";
  form.setAttribute("aria-label", "Avgränsa kartan");
  const [groupField, groupSelect] = select("kb-karta-malgrupp", "Målgrupp", [["", "Alla målgrupper"], ...data.malgrupper.map((g) => [g, g])], state.group);
  const [fromField, fromSelect] = select("kb-karta-fran", "Från år", years.map((y) => [String(y), String(y)]), state.from);
  const [toField, toSelect] = select("kb-karta-till", "Till år", years.map((y) => [String(y), String(y)]), state.to);
  form.append(groupField, fromField, toField);
  root.querySelectorAll(".kb-karta__filter").forEach((nav) => { nav.hidden = true; });
  root.prepend(form);

  function draw() {
    const group = groupSelect.value;
    let from = Number(fromSelect.value);
    let to = Number(toSelect.value);
    if (from > to) [from, to] = [to, from];
    const groupIndex = group ? data.malgrupper.indexOf(group) : -1;
    const chosen = data.projekt.filter(([, , groups, [first, last]]) =>
      (groupIndex < 0 || groups.includes(groupIndex)) && last >= from && first <= to);
    const cells = data.omraden.map(() => data.kunskapstyper.map(() => ({ projects: 0, reports: 0 })));
    let unclassified = 0;
    const inMap = new Set();
    chosen.forEach(([areas, kinds, , , reports], index) => {
      if (!kinds.length) unclassified += 1;
      for (const a of areas) for (const k of kinds) {
        cells[a][k].projects += 1;
        cells[a][k].reports += reports;
        inMap.add(index);
      }
    });
    const rangeYears = years.filter((y) => y >= from && y <= to);
    const allYears = from === years[0] && to === years[years.length - 1];
    const body = data.omraden.map((area, a) => `<tr><th scope="row">${escapeHtml(area)}</th>` + data.kunskapstyper.map((kind, k) => {
      const cell = cells[a][k];
      if (!cell.projects) return '<td class="kb-karta__cell kb-karta__cell--lucka"><span aria-hidden="true">–</span><span class="kb-dold">Lucka: inga projekt</span></td>';
      const target = new URL(search);
      target.searchParams.append(data.parametrar.area, area);
      target.searchParams.append(data.parametrar.knowledge_kind, kind);
      if (group) target.searchParams.append(data.parametrar.target_group, group);
      if (!allYears) for (const y of rangeYears) target.searchParams.append(data.parametrar.year, String(y));
      const level = cell.projects === 1 ? 1 : cell.projects <= 3 ? 2 : 3;
      return `<td class="kb-karta__cell kb-karta__cell--${level}"><a href="${escapeHtml(target.href)}"><span class="kb-karta__antal">${count(cell.projects, "projekt", "projekt")}</span> <span class="kb-karta__rapporter">${count(cell.reports, "slutrapport", "slutrapporter")}</span></a></td>`;
    }).join("") + "</tr>").join("");
    table.tBodies[0].innerHTML = body;
    const gaps = cells.flat().filter((c) => !c.projects).length;
    caption.textContent = "Projekt och slutrapporter per område och kunskapstyp" + (group ? `, målgrupp ${group}` : "") + (allYears ? "" : `, ${from}–${to}`);
    summary.textContent = `${count(inMap.size, "projekt", "projekt")} i kartan. ${gaps.toLocaleString("sv-SE")} av ${cells.flat().length.toLocaleString("sv-SE")} rutor är luckor: där finns ännu ingen kunskap av det slaget i Kunskapsbanken.` +
      (unclassified ? ` ${count(unclassified, "projekt", "projekt")} i urvalet anger ingen kunskapstyp och står inte i kartan.` : "");
    const address = new URL(location.href);
    address.search = "";
    if (group) address.searchParams.set("malgrupp", group);
    if (!allYears) { address.searchParams.set("fran", String(from)); address.searchParams.set("till", String(to)); }
    history.replaceState(null, "", address.href);
    // The download is the selection on screen, in the same form as the pre-built CSV files.
    const header = ["Område", ...data.kunskapstyper.flatMap((kind) => [`${kind}: projekt`, `${kind}: slutrapporter`])];
    const rows = data.omraden.map((area, a) => [area, ...cells[a].flatMap((c) => [c.projects, c.reports])]);
    const csv = [header, ...rows].map((row) => row.map((v) => (/[";\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(";")).join("\r\n");
    if (download.dataset.blob) URL.revokeObjectURL(download.dataset.blob);
    download.dataset.blob = URL.createObjectURL(new Blob(["\ufeff" + csv + "\r\n"], { type: "text/csv;charset=utf-8" }));
    download.href = download.dataset.blob;
    root.dataset.klar = "";
  }

  form.addEventListener("change", () => { delete root.dataset.klar; draw(); });
  draw();
}

if (root) start().catch((error) => { console.error(error); });
