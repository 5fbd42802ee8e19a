// The site menu (templates/includes/_site_nav.html, _portal_nav.html) as disclosures: on a
// phone the "Menu" button shows and hides the list; a top item with children opens its
// submenu on click, Enter or Space. Escape closes what is open and gives the focus back to
// its button. The page is served in this state already (nothing moves when this runs); without
// scripts, css/menu-nojs.css shows every link of the menu.
(function () {
  "use strict";

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    if (button.hasAttribute("data-menu-toggle")) {
      panel.closest("[data-menu]").classList.toggle("is-open", open);
    } else {
      panel.hidden = !open;
    }
  }

  function isOpen(button) {
    return button.getAttribute("aria-expanded") === "true";
  }

  function init(nav) {
    var toggle = nav.querySelector("[data-menu-toggle]");
    var openers = Array.prototype.slice.call(nav.querySelectorAll("[data-submenu-toggle]"));
    nav.classList.add("js-menu");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        setOpen(toggle, !isOpen(toggle));
      });
    }
    openers.forEach(function (opener) {
      var heading = opener.parentNode.querySelector("[data-submenu-heading]");
      if (heading) heading.hidden = true;
      opener.hidden = false;
      // A top item whose submenu holds the page being read is marked like a current link.
      var current = document.getElementById(opener.getAttribute("aria-controls"))
        .querySelector("[aria-current]");
      setOpen(opener, false);
      if (current) opener.classList.add("is-current");
      opener.addEventListener("click", function () {
        var open = !isOpen(opener);
        openers.forEach(function (other) {
          if (other !== opener) setOpen(other, false);
        });
        setOpen(opener, open);
      });
    });

    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      var open = openers.filter(isOpen)[0];
      if (open) {
        setOpen(open, false);
        open.focus();
      } else if (toggle && isOpen(toggle)) {
        setOpen(toggle, false);
        toggle.focus();
      } else {
        return;
      }
      event.preventDefault();
    });

    // A click or the focus elsewhere on the page closes an open submenu (the dropdowns of the
    // desktop menu would otherwise cover the content).
    document.addEventListener("click", function (event) {
      if (nav.contains(event.target)) return;
      openers.forEach(function (opener) {
        setOpen(opener, false);
      });
    });
    nav.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !nav.contains(event.relatedTarget)) {
        openers.forEach(function (opener) {
          setOpen(opener, false);
        });
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-menu]"), init);
})();
