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

    // Copy-link button of the share links: hidden without JavaScript, since it needs it.
    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        // Older browsers and plain-http hosts: copy through a temporary, off-screen field.
        return new Promise(function (resolve, reject) {
            var field = document.createElement("textarea");
            field.value = text;
            field.setAttribute("readonly", "");
            field.style.position = "absolute";
            field.style.left = "-9999px";
            document.body.appendChild(field);
            field.select();
            var copied = false;
            try {
                copied = document.execCommand("copy");
            } catch (error) {
                copied = false;
            }
            document.body.removeChild(field);
            if (copied) {
                resolve();
            } else {
                reject(new Error("copy failed"));
            }
        });
    }

    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        var item = button.closest("[data-copy-link-item]");
        var section = button.closest(".share");
        var feedback = section && section.querySelector("[data-copy-link-feedback]");
        if (item) {
            item.hidden = false;
        }
        button.addEventListener("click", function () {
            copyText(button.getAttribute("data-copy-link")).then(
                function () {
                    if (feedback) {
                        feedback.textContent = "De link is gekopieerd. Plak hem in een bericht of e-mail.";
                    }
                },
                function () {
                    if (feedback) {
                        feedback.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk van je browser.";
                    }
                }
            );
        });
    });
})();
