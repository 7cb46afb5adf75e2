// The claims explorer (notebooks/claims-explorer): filter the table of all claims by article and
// verdict, and search its text. Runs only on a page that has the explorer; needs no network.
document.addEventListener("DOMContentLoaded", () => {
  const explorer = document.querySelector("div.claims-explorer");  // the page's section has the same id
  if (!explorer) return;
  const rows = [...explorer.querySelectorAll("tbody tr")];
  const controls = [...explorer.querySelectorAll("[data-filter]")];
  const count = explorer.querySelector(".claims-explorer__count");
  const apply = () => {
    const wanted = Object.fromEntries(controls.map(c => [c.dataset.filter, c.value.trim().toLowerCase()]));
    let shown = 0;
    for (const row of rows) {
      const ok = (!wanted.article || row.dataset.article.toLowerCase() === wanted.article)
        && (!wanted.verdict || row.dataset.verdict === wanted.verdict)
        && (!wanted.text || row.textContent.toLowerCase().includes(wanted.text));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent = explorer.dataset.count.replace("{shown}", shown).replace("{total}", rows.length);
  };
  controls.forEach(c => c.addEventListener("input", apply));
  apply();
});
