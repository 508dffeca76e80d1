// Fixture: a minified bundle (build output). Storage keys and other secret-named values are not reported; a live provider key is.
var a={historyKey:"qzLogsSearchHistory",apiKey:"aKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfj",token:"eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJpZCI6ICJ1MXg5IiwgInR5cGUiOiAiYXV0aFJlY29yZCIsICJleHAiOiAyMjA4OTg4ODAwfQ.3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4Pz"},b=function(c){return c.key};
var s=new Stripe("sk_live_ehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkN"),t="sk_test_hFdnXsiVpzz63FfkCzJr4i0B"; // want "Stripe secret key hardcoded \\(sk_l…\\)"
