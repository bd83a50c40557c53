document.addEventListener('DOMContentLoaded', function () {
  var status = document.getElementById('script-status');
  status.textContent = 'The script ran: it came through the filter too.';
  status.className = 'ran';
});
