using Liaison.Data.Custody;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Microsoft.AspNetCore.Http;

namespace Liaison.Web.Api;

/// <summary>The one mapping of the write path's answer to HTTP, for the pages and the API alike.</summary>
public static class StepResultHttp
{
    /// <summary>
    /// 200 applied or already applied; 404 for a booking that does not exist; 409 when the record changed underneath or
    /// no longer replays; 422 for any other refusal (the request was understood, and the rules said no).
    /// </summary>
    public static int StatusOf(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            StepResultKind.Applied or StepResultKind.AlreadyApplied => StatusCodes.Status200OK,
            StepResultKind.Conflict => StatusCodes.Status409Conflict,
            _ when result.Code == Codes.Of(RefusalCode.UnknownBooking) => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }
}
