// Progressive enhancements; every page works without them.
(function () {
    "use strict";

    // Video facade: load the provider's player only after the visitor asks for it.
    document.querySelectorAll("[data-video-player]").forEach(function (facade) {
        var button = facade.querySelector("button");
        if (!button) {
            return;
        }
        button.addEventListener("click", function () {
            var iframe = document.createElement("iframe");
            iframe.src = facade.getAttribute("data-video-player");
            iframe.title = facade.getAttribute("data-video-title") || "Video";
            iframe.allow = "autoplay; fullscreen; picture-in-picture";
            iframe.allowFullscreen = true;
            facade.replaceWith(iframe);
            iframe.focus();
        });
    });
})();
