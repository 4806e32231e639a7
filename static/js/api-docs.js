// The API documentation page: Swagger UI on the served OpenAPI document (no inline script: CSP).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  if (!element || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: element.dataset.url,
    domNode: element,
    // No call to an outside validator service: nothing leaves the page but calls to this API.
    validatorUrl: null,
    deepLinking: false,
  });
})();
