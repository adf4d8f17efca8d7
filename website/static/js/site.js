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

    // A form sent back with errors: move focus to its summary of what to fix, so nobody has to
    // find the errors on the page (the summary links to each field).
    var errorSummary = document.querySelector("[data-error-summary]");
    if (errorSummary) {
        errorSummary.focus();
    }

    // Story pages come from the shared page cache without a CSRF token; fetch this
    // visitor's own token, then show the contact form (the link stays as the fallback).
    document.querySelectorAll("[data-deferred-csrf]").forEach(function (container) {
        fetch(container.getAttribute("data-deferred-csrf"), {credentials: "same-origin", headers: {Accept: "application/json"}})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("No CSRF token");
                }
                return response.json();
            })
            .then(function (data) {
                container.querySelectorAll("[data-csrf-token]").forEach(function (input) {
                    input.value = data.token;
                });
                container.hidden = false;
                var fallback = container.parentNode.querySelector("[data-csrf-fallback]");
                if (fallback) {
                    fallback.hidden = true;
                }
            })
            .catch(function () {
                // Keep the link to the contact page: the form there works without JavaScript.
            });
    });
})();
