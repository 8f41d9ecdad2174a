// Caseline's only script of its own. It replaces GOV.UK's inline body script (the
// content security policy allows no inline scripts): mark the page as having
// JavaScript and a supported browser, then start GOV.UK and MOJ components.
import { initAll as initGovukFrontend } from "/assets/govuk-frontend.min.js"
import { initAll as initMojFrontend } from "/assets/moj-frontend.min.js"

document.body.classList.add("js-enabled", "govuk-frontend-supported")
initGovukFrontend()
initMojFrontend()
