from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .services import job_get, job_title


@login_required
def job_detail(request, pk: int):
    """The job's page: a progress bar that polls while it runs, then the result or the
    failure."""
    job = job_get(user=request.user, pk=pk)
    return render(request, "jobs/job.html", {"job": job, "title": job_title(job)})


@login_required
def job_progress(request, pk: int):
    """The progress bar alone (htmx polls it); when the job ends, the whole page reloads."""
    job = job_get(user=request.user, pk=pk)
    response = render(request, "jobs/_progress.html", {"job": job})
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@login_required
def job_download(request, pk: int):
    job = job_get(user=request.user, pk=pk)
    if job.status != "done" or not job.result_filename:
        raise Http404
    response = HttpResponse(bytes(job.result_file), content_type=job.result_content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_filename}"'
    return response
