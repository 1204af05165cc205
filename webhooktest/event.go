package webhooktest

import "github.com/veriffkit/webhook"

// EventBody returns the body of the event webhook Veriff would send for e,
// compact, in the member order of Veriff's samples: id, attemptId, feature,
// code, action, context, vendorData, endUserId. An empty AttemptID or
// AddressID is left out (older and proof-of-address events have none), a
// zero Context is left out (Veriff sends one only on flow events), so is an
// empty reason or state inside it (Veriff's 7007 sample has no state), and
// an empty VendorData or EndUserID is
// null, as Veriff sends them when the session was created without one.
func EventBody(e webhook.Event) []byte {
	var w writer
	w.obj("")
	w.str("id", e.ID)
	w.strIfSet("attemptId", e.AttemptID)
	w.strIfSet("addressId", e.AddressID)
	w.str("feature", string(e.Feature))
	w.int("code", int(e.Code))
	w.str("action", string(e.Action))
	if e.Context != (webhook.Context{}) {
		w.obj("context")
		w.strIfSet("reason", string(e.Context.Reason))
		w.strIfSet("state", string(e.Context.State))
		w.end()
	}
	w.strOrNull("vendorData", e.VendorData)
	w.strOrNull("endUserId", e.EndUserID)
	w.end()
	return w.b
}
