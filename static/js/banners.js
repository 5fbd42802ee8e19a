// Emergency banners a visitor has closed stay closed in this browser (localStorage), until the
// banner is edited: each banner carries its id and a digest of its text (data-banner). Without
// JavaScript, or without storage, the "Tutup" button stays hidden and the banner stays.
(function () {
  "use strict";
  var STORAGE_KEY = "portal-opd:siaran-ditutup";
  var KEEP = 50;

  function readClosed() {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (error) {
      return null;
    }
  }

  function remember(key) {
    var closed = readClosed() || [];
    if (closed.indexOf(key) === -1) closed.push(key);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(closed.slice(-KEEP)));
      return true;
    } catch (error) {
      return false;
    }
  }

  function hideRegionIfEmpty(region) {
    if (!region.querySelector("[data-banner]:not([hidden])")) region.hidden = true;
  }

  var closed = readClosed();
  if (closed === null) return;
  var regions = document.querySelectorAll(".emergency");
  Array.prototype.forEach.call(regions, function (region) {
    Array.prototype.forEach.call(region.querySelectorAll("[data-banner]"), function (banner) {
      var key = banner.getAttribute("data-banner");
      if (closed.indexOf(key) !== -1) {
        banner.hidden = true;
        return;
      }
      var button = banner.querySelector(".emergency__close");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!remember(key)) return;
        banner.hidden = true;
        hideRegionIfEmpty(region);
        var next = region.querySelector("[data-banner]:not([hidden]) .emergency__close");
        var main = document.getElementById("konten");
        (next || main).focus();
      });
    });
    hideRegionIfEmpty(region);
  });
})();
