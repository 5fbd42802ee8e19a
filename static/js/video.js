/* Click-to-load YouTube videos (core.richtext.video_block): nothing is asked of YouTube until
   the citizen clicks the placeholder; then a youtube-nocookie.com frame takes its place. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-youtube-id]");
    if (!link || !/^[A-Za-z0-9_-]{11}$/.test(link.dataset.youtubeId)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = "https://www.youtube-nocookie.com/embed/" + link.dataset.youtubeId + "?autoplay=1";
    frame.title = link.dataset.frameTitle || link.title;
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video__frame";
    link.replaceWith(frame);
    frame.focus();
  });
})();
