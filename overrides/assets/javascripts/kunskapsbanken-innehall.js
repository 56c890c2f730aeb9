/* Material for MkDocs 9.8 partials/javascripts/content.html (tab restore) as a file (for the CSP). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
