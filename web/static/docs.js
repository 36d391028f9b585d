// Starts Swagger UI on /docs against the app's own OpenAPI document (no inline script: CSP).
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: false,
    withCredentials: true,
  })
})
