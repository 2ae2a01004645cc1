"""The script of a report page's table (the cohort report, the cohort evaluation): sort by a
column (numbers as numbers, text in Polish order) and filter by words and by the page's
controls. A control names the row attribute it filters on with ``data-row-attr``: a select
keeps the rows whose attribute equals its value, a checkbox (when ticked) those whose attribute
is ``1``. The table is the element with *table_id*; ``#filter`` and ``#shown`` are the search box
and the "n z m" counter."""

from __future__ import annotations

_SCRIPT = """<script>
(function(){
  var table=document.getElementById("%TABLE%"), body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows), filter=document.getElementById("filter");
  var shown=document.getElementById("shown");
  var controls=Array.prototype.slice.call(document.querySelectorAll("[data-row-attr]"));
  function keeps(control,row){
    var value=row.getAttribute(control.getAttribute("data-row-attr"));
    if(control.type==="checkbox"){return !control.checked||value==="1";}
    return !control.value||value===control.value;
  }
  function apply(){
    var words=filter.value.toLowerCase().split(/\\s+/).filter(Boolean), n=0;
    rows.forEach(function(row){
      var text=row.textContent.toLowerCase();
      var ok=controls.every(function(c){return keeps(c,row);})
        &&words.every(function(w){return text.indexOf(w)>=0;});
      row.hidden=!ok; if(ok){n++;}
    });
    shown.textContent=n+" z "+rows.length;
  }
  function key(row,i){
    var cell=row.cells[i], v=cell.getAttribute("data-sort");
    if(v===null){v=cell.textContent;}
    var x=parseFloat(v);
    return (v!==""&&!isNaN(x)&&isFinite(v))?[0,x]:[1,v];
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    if(th.hasAttribute("data-nosort")){return;}
    th.addEventListener("click",function(){
      var asc=!th.classList.contains("asc");
      Array.prototype.forEach.call(th.parentNode.cells,function(c){c.classList.remove("asc","desc");});
      th.classList.add(asc?"asc":"desc");
      rows.sort(function(a,b){
        var p=key(a,i), q=key(b,i), r=p[0]-q[0];
        if(!r){r=p[0]===0?p[1]-q[1]:p[1].localeCompare(q[1],"pl",{sensitivity:"base"});}
        return asc?r:-r;
      });
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
  filter.addEventListener("input",apply);
  controls.forEach(function(c){c.addEventListener("change",apply);});
  apply();
})();
</script>
"""


def table_script(table_id: str) -> str:
    """The ``<script>`` element for the table with *table_id*."""
    return _SCRIPT.replace("%TABLE%", table_id)
